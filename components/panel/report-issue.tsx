"use client";

import { useState } from "react";
import type { IssueReport } from "@/lib/panel/schemas";

/** The categories of CONTRACT §4 issue reports, in words. */
export const ISSUE_CATEGORY_LABELS: Record<IssueReport["category"], string> = {
  equipment: "Equipment",
  cleanliness: "Cleanliness",
  temperature: "Temperature",
  other: "Something else",
};

/** The kiosk's "report an issue" form: a category and a short text (1–1000 characters). */
export function ReportIssue({ busy, onSubmit }: { busy: boolean; onSubmit: (category: string, description: string) => Promise<boolean> }) {
  const [category, setCategory] = useState<IssueReport["category"] | null>(null);
  const [description, setDescription] = useState("");
  const ready = category !== null && description.trim().length > 0;
  return (
    <form
      className="space-y-5"
      onSubmit={async (e) => {
        e.preventDefault();
        if (ready) await onSubmit(category, description.trim());
      }}
    >
      <fieldset>
        <legend className="mb-3 text-2xl font-semibold">What is wrong?</legend>
        <div className="grid grid-cols-2 gap-3">
          {(Object.keys(ISSUE_CATEGORY_LABELS) as IssueReport["category"][]).map((c) => (
            <button
              key={c}
              type="button"
              aria-pressed={category === c}
              onClick={() => setCategory(c)}
              className={`min-h-16 rounded-2xl border-2 px-5 text-2xl font-semibold focus-visible:outline-4 focus-visible:outline-sky-400 ${category === c ? "border-indigo-700 bg-indigo-700 text-white" : "border-slate-300 bg-white text-slate-800 hover:bg-slate-50"}`}
            >
              {ISSUE_CATEGORY_LABELS[c]}
            </button>
          ))}
        </div>
      </fieldset>
      <div>
        <label htmlFor="issue-description" className="mb-2 block text-2xl font-semibold">
          Describe it briefly
        </label>
        <textarea
          id="issue-description"
          value={description}
          maxLength={1000}
          rows={3}
          onChange={(e) => setDescription(e.target.value)}
          className="w-full rounded-2xl border-2 border-slate-300 p-4 text-2xl focus:border-indigo-600 focus:outline-none"
        />
      </div>
      <button
        type="submit"
        disabled={!ready || busy}
        className="min-h-20 w-full rounded-2xl bg-indigo-700 text-2xl font-bold text-white hover:bg-indigo-800 focus-visible:outline-4 focus-visible:outline-sky-400 disabled:opacity-50"
      >
        Send report
      </button>
    </form>
  );
}
