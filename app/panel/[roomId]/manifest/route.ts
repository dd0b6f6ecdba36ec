// The web app manifest of one room's kiosk: like public/manifest.webmanifest, but it starts on this room's page.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function GET(_req: Request, ctx: { params: Promise<{ roomId: string }> }) {
  const { roomId } = await ctx.params;
  if (!UUID.test(roomId)) return new Response("Not found", { status: 404 });
  const manifest = {
    name: "Circle Time door panel",
    short_name: "Circle Time",
    start_url: `/panel/${roomId}`,
    scope: "/panel",
    display: "fullscreen",
    orientation: "any",
    background_color: "#0f172a",
    theme_color: "#0f172a",
    icons: [
      { src: "/icons/panel-192.png", sizes: "192x192", type: "image/png" },
      { src: "/icons/panel-512.png", sizes: "512x512", type: "image/png" },
      { src: "/icons/panel-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
  return new Response(JSON.stringify(manifest), { headers: { "content-type": "application/manifest+json", "cache-control": "public, max-age=3600" } });
}
