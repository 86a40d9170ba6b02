"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cx } from "@/components/ui/cx";

const NAV_ITEMS = [
  { href: "/", label: "Dashboard" },
  { href: "/sync", label: "Sync" },
  { href: "/learners", label: "Learners" },
  { href: "/settings", label: "Settings" },
] as const;

function isCurrentPath(href: string, pathname: string): boolean {
  if (href === "/") return pathname === "/";
  return pathname === href || pathname.startsWith(`${href}/`);
}

export function MainNav({ className }: { className?: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className={className}>
      <ul className="flex gap-1">
        {NAV_ITEMS.map((item) => {
          const isCurrent = isCurrentPath(item.href, pathname);
          return (
            <li key={item.href} className="flex-1 md:flex-none">
              <Link
                href={item.href}
                aria-current={isCurrent ? "page" : undefined}
                className={cx(
                  // 44 px tall and an equal share of the width each on a phone: easy to hit with a thumb.
                  "flex h-11 w-full items-center justify-center rounded-md px-1 text-sm font-medium transition-colors md:h-9 md:px-3",
                  isCurrent ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
                )}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
