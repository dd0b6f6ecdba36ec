/** A small status label: words on a tinted background (colour is never the only signal). */
export function Badge({ children, className, testId }: { children: React.ReactNode; className: string; testId?: string }) {
  return (
    <span data-testid={testId} className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${className}`}>
      {children}
    </span>
  );
}
