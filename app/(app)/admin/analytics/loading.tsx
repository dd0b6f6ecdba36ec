import { DashboardSkeleton } from "@/components/analytics/ui";

export default function Loading() {
  return <DashboardSkeleton />;
}
