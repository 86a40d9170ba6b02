import type { Metadata } from "next";
import { Suspense, type ReactNode } from "react";
import { z } from "zod";
import { SectionSkeleton } from "@/components/settings/section-skeleton";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/require-staff";
import { AuditSection } from "./audit-section";
import { ConnectionsSection } from "./connections-section";
import { LevelsSection } from "./levels-section";
import { PropertiesSection } from "./properties-section";
import { StaffSection } from "./staff-section";

export const metadata: Metadata = { title: "Settings" };

const auditPageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

function Section({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card id={id} aria-labelledby={`${id}-title`} role="region" className="scroll-mt-6">
      <CardHeader>
        <CardTitle id={`${id}-title`}>{title}</CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <Suspense fallback={<SectionSkeleton label={title.toLowerCase()} />}>{children}</Suspense>
    </Card>
  );
}

export default async function SettingsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { user, role } = await requireStaff("viewer");
  const auditPage = auditPageSchema.parse((await searchParams).auditPage);
  return (
    <>
      <PageHeader
        title="Settings"
        description="Which levels are synced, the HubSpot properties, who has access, and what changed."
      />
      <div className="flex flex-col gap-6">
        <Section
          id="levels"
          title="Levels"
          description="Level tables found in the source schema. Only enabled, compatible levels are synced."
        >
          <LevelsSection role={role} />
        </Section>
        <Section
          id="properties"
          title="HubSpot properties"
          description="What the enabled levels need in the “Level Progress” property group."
        >
          <PropertiesSection role={role} />
        </Section>
        <Section
          id="staff"
          title="Staff"
          description="Viewers see and preview, operators also sync, admins also change settings and manage staff."
        >
          <StaffSection role={role} currentUserId={user.id} />
        </Section>
        <Section id="connections" title="Connections" description="Checked when this page loads.">
          <ConnectionsSection />
        </Section>
        <Section
          id="audit-log"
          title="Audit log"
          description="Every sync start, settings change, property creation and staff change, newest first."
        >
          <AuditSection page={auditPage} />
        </Section>
      </div>
    </>
  );
}
