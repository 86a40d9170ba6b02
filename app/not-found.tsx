import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { buttonClasses } from "@/components/ui/button";

export default function NotFound() {
  return (
    <AuthCard title="Page not found" description="There is no page at this address.">
      <Link href="/" className={`${buttonClasses("secondary")} w-full`}>
        Go to the dashboard
      </Link>
    </AuthCard>
  );
}
