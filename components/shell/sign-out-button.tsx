"use client";
import { useFormStatus } from "react-dom";
import { signOut } from "@/app/actions/sign-out";
import { Button, type ButtonProps } from "@/components/ui/button";

function SubmitButton({ variant, size, className }: Pick<ButtonProps, "variant" | "size" | "className">) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" variant={variant} size={size} className={className} isPending={pending}>
      {pending ? "Signing out…" : "Sign out"}
    </Button>
  );
}

/** A form, not an onClick: sign-out works before hydration and without client-side JS. */
export function SignOutButton(props: Pick<ButtonProps, "variant" | "size" | "className">) {
  return (
    <form action={signOut}>
      <SubmitButton {...props} />
    </form>
  );
}
