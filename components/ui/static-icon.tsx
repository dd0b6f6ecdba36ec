import type { LucideIcon, LucideIconData } from "lucide-react";
import { createElement, type ReactElement, type ReactNode } from "react";
import { cn } from "./cn";

type Rendered = ReactElement<{ icon?: LucideIconData }>;

const SVG_ATTRIBUTES = {
  fill: "none",
  stroke: "currentColor",
  strokeWidth: 2,
  strokeLinecap: "round",
  strokeLinejoin: "round",
} as const;

/** The shapes of a lucide icon as React elements, or null if lucide's internals changed. */
function iconShapes(Icon: LucideIcon): ReactNode[] | null {
  const render = (Icon as unknown as { render?: (props: object, ref: null) => Rendered }).render;
  const data = render?.({}, null)?.props.icon;
  return data?.node ? data.node.map(([tag, attrs], i) => createElement(tag, { ...attrs, key: i })) : null;
}

/**
 * A lucide icon drawn as plain SVG by a server component. lucide-react's icons are client components (they read
 * a context), so every icon on a server-rendered list would be hydrated in the browser with its path data sent
 * twice; this draws the same SVG with no client code. Falls back to the client icon if lucide's shape changes.
 * Decorative (`aria-hidden`); put words next to it.
 */
export function StaticIcon({ icon: Icon, className }: { icon: LucideIcon; className?: string }) {
  const shapes = iconShapes(Icon);
  if (!shapes) return <Icon aria-hidden className={className} />;
  return (
    <svg xmlns="http://www.w3.org/2000/svg" width={24} height={24} viewBox="0 0 24 24" {...SVG_ATTRIBUTES} aria-hidden className={cn("lucide", className)}>
      {shapes}
    </svg>
  );
}

/**
 * Icons drawn once per page as `<symbol>`s, for icons repeated on every row of a list (amenities, statuses): each
 * use is then a `<SpriteIcon id>` of a few bytes instead of the whole path. Mounted once by the signed-in layout.
 */
export function IconSprite({ icons }: { icons: Record<string, LucideIcon> }) {
  return (
    <svg xmlns="http://www.w3.org/2000/svg" aria-hidden width={0} height={0} className="absolute">
      <defs>
        {Object.entries(icons).map(([id, Icon]) => (
          <symbol key={id} id={`icon-${id}`} viewBox="0 0 24 24" {...SVG_ATTRIBUTES}>
            {iconShapes(Icon)}
          </symbol>
        ))}
      </defs>
    </svg>
  );
}

/** One icon of the page's `<IconSprite>`, by its id there. Decorative (`aria-hidden`). */
export function SpriteIcon({ id, className }: { id: string; className?: string }) {
  return (
    <svg width={24} height={24} aria-hidden className={cn("lucide", className)}>
      <use href={`#icon-${id}`} />
    </svg>
  );
}
