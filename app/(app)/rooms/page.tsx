import type { Metadata } from "next";
import { pathWithQuery, requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Find a room" };

/** `/rooms` (UI.md): find a room. The filters and list follow in the next commit. */
export default async function RoomsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser(pathWithQuery("/rooms", await searchParams));
  return <h1 className="text-2xl font-semibold">Find a room</h1>;
}
