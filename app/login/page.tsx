import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { auth } from "@/auth";
import { LoginForm } from "@/components/auth/login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const session = await auth();
  const { next } = await searchParams;
  if (session?.user) redirect("/");
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl bg-white p-8 shadow-sm ring-1 ring-slate-200">
        <h1 className="text-2xl font-semibold">Circle Time</h1>
        <p className="mb-6 mt-1 text-sm text-slate-500">Sign in to find and book a room.</p>
        <LoginForm next={next ?? "/"} />
      </div>
    </main>
  );
}
