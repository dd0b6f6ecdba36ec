import type { Metadata, Viewport } from "next";

// The door tablet's pages: full screen, no navigation chrome (UI.md "The kiosk").
export const metadata: Metadata = {
  title: "Door panel",
  manifest: "/manifest.webmanifest",
  appleWebApp: { capable: true, title: "Circle Time", statusBarStyle: "black" },
  icons: { icon: "/icons/panel.svg", apple: "/icons/panel-192.png" },
};

export const viewport: Viewport = {
  themeColor: "#0f172a",
  width: "device-width",
  initialScale: 1,
};

export default function PanelLayout({ children }: { children: React.ReactNode }) {
  return children;
}
