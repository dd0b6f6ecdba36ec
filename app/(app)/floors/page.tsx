import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { EmptyState } from "@/components/ui/empty-state";
import { principalOf, requireUser } from "@/lib/auth/session";
import { listRooms } from "@/lib/rooms/service";

export const metadata: Metadata = { title: "Floor map" };

/** `/floors`: the floor map of the first building's lowest floor that has rooms. */
export default async function FloorsIndexPage() {
  const user = await requireUser("/floors");
  const [first] = await listRooms(principalOf(user), {});
  if (!first) {
    return <EmptyState title="No rooms yet" description="An administrator adds buildings and rooms under Admin." />;
  }
  redirect(`/floors/${first.buildingId}/${first.floor}`);
}
