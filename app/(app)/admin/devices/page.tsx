import type { Metadata } from "next";
import { EditDeviceForm, PairDeviceForm, RevokeDeviceForm } from "@/components/admin/device-forms";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { requireAdminPage } from "@/lib/auth/session";
import { listDevices } from "@/lib/panel/service";
import { listRooms } from "@/lib/rooms/service";
import { pairDeviceAction, revokeDeviceAction, updateDeviceAction } from "./actions";

export const metadata: Metadata = { title: "Tablets · Admin" };

/** "5 min ago", "2 h ago", "3 days ago": how long since an instant, in words. */
function ago(iso: string | null, now: number): string {
  if (!iso) return "never";
  const minutes = Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

/** UI.md /admin/devices: paired tablets with room, last seen and online; pair by code; rename, move, revoke. */
export default async function AdminDevicesPage() {
  const { principal } = await requireAdminPage("/admin/devices");
  const [devices, rooms] = await Promise.all([listDevices(), listRooms(principal, {})]);
  const roomOptions = rooms.map((r) => ({ value: r.id, label: `${r.name} · ${r.building}, floor ${r.floor}` }));
  // eslint-disable-next-line react-hooks/purity -- a server component renders once per request; "now" is that request's.
  const now = Date.now();
  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-2xl font-semibold">Door tablets</h1>
        <p className="mt-1 text-sm text-slate-600">
          A tablet opened at <code className="rounded bg-slate-100 px-1">/panel</code> shows a 6-digit code: type it here and choose the room
          it hangs at. Online means seen within the last 3 minutes.
        </p>
      </header>

      <section aria-labelledby="pair-heading" className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h2 id="pair-heading" className="mb-4 text-lg font-semibold">
          Pair a tablet
        </h2>
        <PairDeviceForm action={pairDeviceAction} rooms={roomOptions} />
      </section>

      <section aria-labelledby="devices-heading">
        <h2 id="devices-heading" className="mb-2 text-lg font-semibold">
          Paired tablets
        </h2>
        {devices.length === 0 ? (
          <EmptyState title="No tablets paired yet" description="Open /panel on the tablet and pair it with the form above." />
        ) : (
          <ul className="divide-y divide-slate-100 rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
            {devices.map((device) => (
              <li key={device.id} className="px-4 py-3" data-testid="admin-device" data-name={device.name}>
                <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
                  <div className="min-w-48 flex-1">
                    <p className="font-medium">{device.name}</p>
                    <p className="text-sm text-slate-600">{device.roomName}</p>
                  </div>
                  <Badge tone={device.online ? "success" : "neutral"} data-testid="device-online">
                    {device.online ? "Online" : "Offline"}
                  </Badge>
                  <span className="text-sm text-slate-600">last seen {ago(device.lastSeenAt, now)}</span>
                  <span className="text-sm text-slate-600">paired {ago(device.pairedAt, now)}</span>
                  <RevokeDeviceForm action={revokeDeviceAction.bind(null, device.id)} device={device} />
                </div>
                <details className="mt-2">
                  <summary className="cursor-pointer text-sm text-indigo-700">Rename or move {device.name}</summary>
                  <div className="mt-2">
                    <EditDeviceForm action={updateDeviceAction.bind(null, device.id)} device={device} rooms={roomOptions} />
                  </div>
                </details>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
