import { forwardRef, useId, type InputHTMLAttributes, type LabelHTMLAttributes, type ReactElement, type TextareaHTMLAttributes } from "react";
import { cloneElement, isValidElement } from "react";
import { cn } from "./cn";

const control =
  "block w-full rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-900 shadow-sm " +
  "placeholder:text-slate-500 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200 " +
  "disabled:cursor-not-allowed disabled:bg-slate-100 aria-[invalid=true]:border-red-500 aria-[invalid=true]:ring-red-100";

/** A text input (any `type`), 40 px high. Set `aria-invalid` to show the error look; `<Field>` does that for you. */
export const Input = forwardRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>(function Input(
  { className, ...props },
  ref,
) {
  return <input ref={ref} className={cn(control, "h-10", className)} {...props} />;
});

/** A multi-line text input with the look of `<Input>`. */
export const Textarea = forwardRef<HTMLTextAreaElement, TextareaHTMLAttributes<HTMLTextAreaElement>>(function Textarea(
  { className, ...props },
  ref,
) {
  return <textarea ref={ref} className={cn(control, "min-h-20 py-2", className)} {...props} />;
});

/** A form label. */
export function Label({ className, ...props }: LabelHTMLAttributes<HTMLLabelElement>) {
  return <label className={cn("block text-sm font-medium text-slate-700", className)} {...props} />;
}

export interface FieldProps {
  /** The visible label text. */
  label: React.ReactNode;
  /** Exactly one control (`<Input>`, `<Select>`, `<Textarea>`); it gets `id`, `aria-invalid` and `aria-describedby`. */
  children: ReactElement<{ id?: string; "aria-invalid"?: boolean; "aria-describedby"?: string }>;
  /** Error messages for this field (e.g. the API's `fields[path]`); shown in red and announced. */
  error?: string | string[] | null;
  /** A short help line under the control. */
  hint?: React.ReactNode;
  /** Use this id for the control instead of a generated one. */
  id?: string;
  className?: string;
}

/** A label, one control, an optional hint and the field's errors, wired together for screen readers. */
export function Field({ label, children, error, hint, id, className }: FieldProps) {
  const generated = useId();
  const controlId = id ?? children.props.id ?? generated;
  const errors = (Array.isArray(error) ? error : error ? [error] : []).filter(Boolean);
  const hintId = hint ? `${controlId}-hint` : undefined;
  const errorId = errors.length ? `${controlId}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cn("space-y-1", className)}>
      <Label htmlFor={controlId}>{label}</Label>
      {isValidElement(children)
        ? cloneElement(children, { id: controlId, "aria-invalid": errors.length > 0 || undefined, "aria-describedby": describedBy })
        : children}
      {hint && (
        <p id={hintId} className="text-xs text-slate-600">
          {hint}
        </p>
      )}
      {errorId && (
        <p id={errorId} className="text-sm text-red-700">
          {errors.join(" ")}
        </p>
      )}
    </div>
  );
}
