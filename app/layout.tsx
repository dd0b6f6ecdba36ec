import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Circle Time", template: "%s · Circle Time" },
  description: "Find, book and use meeting rooms.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
