"use client";

import { Loader2, UserPlus, X } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { searchPeopleAction } from "@/app/(app)/booking-actions";
import { Input, Label } from "@/components/ui/input";

/** A person that can be invited. */
export interface PickedPerson {
  id: string;
  name: string;
  email: string;
}

/**
 * Attendee picker: type part of a name or email, pick from the matches (buttons, reachable with Tab), remove
 * with the × of a chosen person. Searches through a server action after a short pause.
 */
export function PeoplePicker({
  value,
  onChange,
  excludeIds = [],
  error,
}: {
  value: PickedPerson[];
  onChange: (people: PickedPerson[]) => void;
  excludeIds?: string[];
  error?: string[];
}) {
  const id = useId();
  const [query, setQuery] = useState("");
  const [matches, setMatches] = useState<PickedPerson[] | null>(null);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  const search = (text: string) => {
    setQuery(text);
    clearTimeout(timer.current);
    if (!text.trim()) {
      setMatches(null);
      return;
    }
    timer.current = setTimeout(async () => {
      setLoading(true);
      const result = await searchPeopleAction(text);
      setLoading(false);
      setMatches(result.ok ? result.data : []);
    }, 200);
  };

  const chosen = new Set([...value.map((p) => p.id), ...excludeIds]);
  const shown = (matches ?? []).filter((p) => !chosen.has(p.id));

  return (
    <div className="space-y-2">
      <Label htmlFor={`${id}-q`}>Attendees</Label>
      {value.length > 0 && (
        <ul className="flex flex-wrap gap-1.5" aria-label="Invited">
          {value.map((p) => (
            <li key={p.id} className="flex items-center gap-1 rounded-full bg-indigo-50 py-1 pl-3 pr-1 text-sm text-indigo-900">
              {p.name}
              <button
                type="button"
                onClick={() => onChange(value.filter((x) => x.id !== p.id))}
                className="rounded-full p-1 hover:bg-indigo-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
                aria-label={`Remove ${p.name}`}
              >
                <X aria-hidden className="size-3.5" />
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="relative">
        <Input
          id={`${id}-q`}
          type="search"
          value={query}
          onChange={(e) => search(e.target.value)}
          placeholder="Search people by name or email"
          autoComplete="off"
          aria-describedby={`${id}-status`}
          aria-invalid={error?.length ? true : undefined}
        />
        {loading && <Loader2 aria-hidden className="absolute right-3 top-1/2 size-4 -translate-y-1/2 animate-spin text-slate-500" />}
      </div>
      <p id={`${id}-status`} className="sr-only" aria-live="polite">
        {matches === null ? "" : `${shown.length} ${shown.length === 1 ? "person" : "people"} found`}
      </p>
      {matches !== null && (
        <ul className="max-h-40 overflow-y-auto rounded-md border border-slate-200" aria-label="Matching people">
          {shown.length === 0 && <li className="px-3 py-2 text-sm text-slate-600">Nobody found.</li>}
          {shown.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                onClick={() => {
                  onChange([...value, p]);
                  setQuery("");
                  setMatches(null);
                }}
                className="flex w-full items-center gap-2 px-3 py-2 text-left text-sm hover:bg-indigo-50 focus-visible:bg-indigo-50 focus-visible:outline-none"
              >
                <UserPlus aria-hidden className="size-4 text-indigo-700" />
                <span>
                  Add {p.name} <span className="text-slate-600">{p.email}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {error?.length ? <p className="text-sm text-red-700">{error.join(" ")}</p> : null}
    </div>
  );
}
