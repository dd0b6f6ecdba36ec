import { SearchX } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";

/** Unknown room, building or floor. */
export default function SignedInNotFound() {
  return (
    <EmptyState
      icon={SearchX}
      title="Not found"
      description="This room, building or floor does not exist (any more)."
      action={
        <Link href="/rooms" className="text-sm font-medium text-indigo-700 underline">
          Find a room
        </Link>
      }
    />
  );
}
