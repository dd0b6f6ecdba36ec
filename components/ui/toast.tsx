"use client";

import * as ToastPrimitive from "@radix-ui/react-toast";
import { CheckCircle2, CircleAlert, Info, X } from "lucide-react";
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { cn } from "./cn";

/** One message: a short title, an optional line of detail, and its tone (success, error or info). */
export interface ToastMessage {
  title: string;
  description?: string;
  tone?: "success" | "error" | "info";
}

type Shown = ToastMessage & { id: number };
const ToastContext = createContext<((message: ToastMessage) => void) | null>(null);

/**
 * Shows results of actions as toasts (Radix: announced to screen readers, swipe and Escape to dismiss, F8 to
 * reach them). Mounted once in the signed-in layout; call `useToast()` from any client component below it.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Shown[]>([]);
  const show = useCallback((message: ToastMessage) => {
    setToasts((list) => [...list.slice(-2), { ...message, id: Date.now() + Math.random() }]);
  }, []);
  const value = useMemo(() => show, [show]);
  return (
    <ToastContext.Provider value={value}>
      <ToastPrimitive.Provider swipeDirection="right" duration={6000}>
        {children}
        {toasts.map((t) => (
          <ToastItem key={t.id} toast={t} onClosed={() => setToasts((list) => list.filter((x) => x.id !== t.id))} />
        ))}
        <ToastPrimitive.Viewport className="fixed bottom-0 right-0 z-[100] flex w-full max-w-sm flex-col gap-2 p-4 outline-none" />
      </ToastPrimitive.Provider>
    </ToastContext.Provider>
  );
}

const toneStyle = {
  success: { icon: CheckCircle2, className: "border-emerald-300", iconClass: "text-emerald-600" },
  error: { icon: CircleAlert, className: "border-red-300", iconClass: "text-red-600" },
  info: { icon: Info, className: "border-slate-300", iconClass: "text-indigo-600" },
};

function ToastItem({ toast, onClosed }: { toast: Shown; onClosed: () => void }) {
  const style = toneStyle[toast.tone ?? "info"];
  const Icon = style.icon;
  return (
    <ToastPrimitive.Root
      type={toast.tone === "error" ? "foreground" : "background"}
      onOpenChange={(open) => !open && onClosed()}
      className={cn("flex items-start gap-3 rounded-lg border bg-white p-4 shadow-lg", style.className)}
      data-testid="toast"
    >
      <Icon aria-hidden className={cn("mt-0.5 size-5 shrink-0", style.iconClass)} />
      <div className="min-w-0 flex-1">
        <ToastPrimitive.Title className="text-sm font-semibold text-slate-900">{toast.title}</ToastPrimitive.Title>
        {toast.description && (
          <ToastPrimitive.Description className="mt-0.5 text-sm text-slate-700">{toast.description}</ToastPrimitive.Description>
        )}
      </div>
      <ToastPrimitive.Close aria-label="Dismiss" className="rounded p-1 text-slate-500 hover:bg-slate-100">
        <X aria-hidden className="size-4" />
      </ToastPrimitive.Close>
    </ToastPrimitive.Root>
  );
}

/** `const toast = useToast(); toast({ title: "Booked", tone: "success" })`. Throws outside `<ToastProvider>`. */
export function useToast(): (message: ToastMessage) => void {
  const show = useContext(ToastContext);
  if (!show) throw new Error("useToast() needs a <ToastProvider> above it");
  return show;
}
