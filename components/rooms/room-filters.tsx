"use client";

import { Loader2, Search, X } from "lucide-react";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { AMENITY_INFO } from "./amenities";

/** The filters of `/rooms`, named as the API names them (CONTRACT 2.1), so the URL is the query. */
export interface RoomFilterValues {
  search: string;
  building: string;
  floor: string;
  minCapacity: string;
  amenities: string[];
  status: string;
  availableFrom: string;
  availableTo: string;
}

type When = "any" | "now" | "range";

function toQuery(v: RoomFilterValues): string {
  const qs = new URLSearchParams();
  if (v.search.trim()) qs.set("search", v.search.trim());
  if (v.building) qs.set("building", v.building);
  if (v.floor) qs.set("floor", v.floor);
  if (v.minCapacity) qs.set("minCapacity", v.minCapacity);
  if (v.amenities.length) qs.set("amenities", v.amenities.join(","));
  if (v.status) qs.set("status", v.status);
  if (v.availableFrom && v.availableTo) {
    qs.set("availableFrom", v.availableFrom);
    qs.set("availableTo", v.availableTo);
  }
  return qs.toString();
}

/** Next quarter hour and one hour later, as `YYYY-MM-DDTHH:MM` wall times of the browser. */
function defaultRange(): [string, string] {
  const quarter = 15 * 60_000;
  const start = new Date(Math.ceil(Date.now() / quarter) * quarter);
  const end = new Date(start.getTime() + 60 * 60_000);
  const local = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  return [local(start), local(end)];
}

/**
 * Filter bar of "Find a room": every change goes to the URL at once (typing after a short pause), so the
 * server renders the matching rooms, the link is shareable and the back button steps through filters.
 * Without JavaScript it is a plain GET form.
 */
export function RoomFilters({
  initial,
  buildings,
  floors,
}: {
  initial: RoomFilterValues;
  buildings: { id: string; name: string }[];
  floors: number[];
}) {
  const router = useRouter();
  const pathname = usePathname();
  const [values, setValues] = useState(initial);
  // What the form holds right now, also for a search timer that fires after other filters changed.
  const latest = useRef(initial);
  // The URL is the source of truth: when it changes by itself (back and forward buttons, a link), the form
  // follows; when it is the answer to our own change, what is being typed stays as it is.
  const incoming = toQuery(initial);
  const [seen, setSeen] = useState(incoming);
  const [pushed, setPushed] = useState(incoming);
  if (incoming !== seen) {
    setSeen(incoming);
    if (incoming !== pushed) {
      setPushed(incoming);
      setValues(initial);
    }
  }
  const [pending, startTransition] = useTransition();
  const typing = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const when: When = values.status === "available" ? "now" : values.availableFrom ? "range" : "any";

  useEffect(() => () => clearTimeout(typing.current), []);
  useEffect(() => {
    latest.current = values;
  }, [values]);

  const go = (next: RoomFilterValues, mode: "push" | "replace" = "push") => {
    latest.current = next;
    setValues(next);
    const qs = toQuery(next);
    setPushed(qs);
    const url = qs ? `${pathname}?${qs}` : pathname;
    startTransition(() => (mode === "push" ? router.push(url, { scroll: false }) : router.replace(url, { scroll: false })));
  };

  const update = (patch: Partial<RoomFilterValues>) => {
    clearTimeout(typing.current);
    go({ ...latest.current, ...patch });
  };

  const onSearch = (search: string) => {
    latest.current = { ...latest.current, search };
    setValues(latest.current);
    clearTimeout(typing.current);
    typing.current = setTimeout(() => go(latest.current, "replace"), 250);
  };

  const setWhen = (w: When) => {
    if (w === "any") update({ status: "", availableFrom: "", availableTo: "" });
    else if (w === "now") update({ status: "available", availableFrom: "", availableTo: "" });
    else {
      const [from, to] = values.availableFrom ? [values.availableFrom, values.availableTo] : defaultRange();
      update({ status: "", availableFrom: from, availableTo: to });
    }
  };

  const filtered = toQuery({ ...values, search: values.search }) !== "";

  return (
    <form
      method="get"
      action={pathname}
      role="search"
      aria-label="Filter rooms"
      onSubmit={(e) => {
        e.preventDefault();
        clearTimeout(typing.current);
        go(values);
      }}
      className="space-y-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200"
    >
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <div className="space-y-1 sm:col-span-2">
          <Label htmlFor="f-search">Search</Label>
          <div className="relative">
            <Search aria-hidden className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-slate-500" />
            <Input
              id="f-search"
              name="search"
              type="search"
              placeholder="Room or building name"
              value={values.search}
              onChange={(e) => onSearch(e.target.value)}
              className="pl-9"
              autoComplete="off"
            />
          </div>
        </div>
        <div className="space-y-1">
          <Label htmlFor="f-building">Building</Label>
          <Select id="f-building" name="building" value={values.building} onChange={(e) => update({ building: e.target.value, floor: "" })}>
            <option value="">All buildings</option>
            {buildings.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </Select>
        </div>
        <div className="grid grid-cols-2 gap-3">
          <div className="space-y-1">
            <Label htmlFor="f-floor">Floor</Label>
            <Select id="f-floor" name="floor" value={values.floor} onChange={(e) => update({ floor: e.target.value })}>
              <option value="">Any</option>
              {floors.map((f) => (
                <option key={f} value={String(f)}>
                  {f === 0 ? "Ground" : f}
                </option>
              ))}
            </Select>
          </div>
          <div className="space-y-1">
            <Label htmlFor="f-capacity">People</Label>
            <Input
              id="f-capacity"
              name="minCapacity"
              type="number"
              inputMode="numeric"
              min={1}
              max={500}
              placeholder="Any"
              value={values.minCapacity}
              onChange={(e) => update({ minCapacity: e.target.value })}
            />
          </div>
        </div>
      </div>

      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-700">Amenities</legend>
        <div className="flex flex-wrap gap-2">
          {Object.entries(AMENITY_INFO).map(([key, { label, icon: Icon }]) => {
            const on = values.amenities.includes(key);
            return (
              <label
                key={key}
                className="flex cursor-pointer items-center gap-1.5 rounded-full border border-slate-300 px-3 py-1.5 text-sm text-slate-800 has-[:checked]:border-indigo-500 has-[:checked]:bg-indigo-50 has-[:checked]:text-indigo-900 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-indigo-500"
              >
                <input
                  type="checkbox"
                  name="amenity"
                  value={key}
                  checked={on}
                  onChange={() =>
                    update({ amenities: on ? values.amenities.filter((a) => a !== key) : [...values.amenities, key] })
                  }
                  className="sr-only"
                />
                <Icon aria-hidden className="size-4" />
                {label}
              </label>
            );
          })}
        </div>
      </fieldset>

      <fieldset className="flex flex-wrap items-end gap-x-4 gap-y-2">
        <legend className="mb-1 text-sm font-medium text-slate-700">When</legend>
        {(
          [
            ["any", "Any time"],
            ["now", "Free now"],
            ["range", "Free from … to …"],
          ] as const
        ).map(([key, label]) => (
          <label key={key} className="flex items-center gap-2 py-1 text-sm text-slate-800">
            <input
              type="radio"
              name="when"
              value={key}
              checked={when === key}
              onChange={() => setWhen(key)}
              className="size-4 accent-indigo-600"
            />
            {label}
          </label>
        ))}
        {when === "range" && (
          <div className="flex flex-wrap items-end gap-2">
            <div className="space-y-1">
              <Label htmlFor="f-from">From</Label>
              <Input
                id="f-from"
                name="availableFrom"
                type="datetime-local"
                step={900}
                value={values.availableFrom}
                onChange={(e) => e.target.value && update({ availableFrom: e.target.value })}
              />
            </div>
            <div className="space-y-1">
              <Label htmlFor="f-to">To</Label>
              <Input
                id="f-to"
                name="availableTo"
                type="datetime-local"
                step={900}
                value={values.availableTo}
                onChange={(e) => e.target.value && update({ availableTo: e.target.value })}
              />
            </div>
            <p className="pb-2 text-xs text-slate-600">Each building&apos;s local time</p>
          </div>
        )}
      </fieldset>

      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" size="sm">
          <Search aria-hidden />
          Show rooms
        </Button>
        {filtered && (
          <Button
            variant="ghost"
            size="sm"
            onClick={() => go({ search: "", building: "", floor: "", minCapacity: "", amenities: [], status: "", availableFrom: "", availableTo: "" })}
          >
            <X aria-hidden />
            Clear filters
          </Button>
        )}
        <span aria-live="polite" className="flex items-center gap-1 text-sm text-slate-600">
          {pending && (
            <>
              <Loader2 aria-hidden className="size-4 animate-spin" /> Updating…
            </>
          )}
        </span>
      </div>
    </form>
  );
}
