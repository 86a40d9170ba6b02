import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { StaffRole } from "@/lib/auth/roles";

const ROLE_TONES: Record<StaffRole, BadgeTone> = { admin: "brand", operator: "success", viewer: "neutral" };

export function RoleBadge({ role, title }: { role: StaffRole; title?: string }) {
  return (
    <Badge tone={ROLE_TONES[role]} title={title}>
      {role}
    </Badge>
  );
}
