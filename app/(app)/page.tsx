import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";

/** `/`: signed in → find a room; signed out → sign in, then find a room (UI.md page map). */
export default async function HomePage() {
  await requireUser("/rooms");
  redirect("/rooms");
}
