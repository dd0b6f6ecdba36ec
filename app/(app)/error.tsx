"use client";

import { CircleAlert } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

/** The error state of the signed-in pages: what happened, and a way to try again. */
export default function SignedInError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <EmptyState
      tone="error"
      icon={CircleAlert}
      title="This page could not be loaded"
      description={`Something went wrong on our side${error.digest ? ` (reference ${error.digest})` : ""}. Try again in a moment.`}
      action={<Button onClick={reset}>Try again</Button>}
    />
  );
}
