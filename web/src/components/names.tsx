import { Anchor } from "@mantine/core";
import { Link } from "react-router-dom";
import { useCompany } from "../api/companies";
import { useUserNames } from "../api/users";

/**
 * A company's name linking to its card, the one way a company link is drawn (link colour, the surrounding text's
 * size); each id is fetched once and cached unless the caller already has the name.
 */
export function CompanyName({
  id,
  name: known,
  link = true,
}: {
  id: string | null | undefined;
  name?: string;
  link?: boolean;
}) {
  const company = useCompany(known === undefined ? id : null);
  if (!id) return <>—</>;
  const name = known ?? company.data?.name ?? "…";
  if (!link) return <>{name}</>;
  return (
    <Anchor
      component={Link}
      to={`/companies/${id}`}
      inherit
      data-testid="company-link"
      onClick={(e) => e.stopPropagation()}
    >
      {name}
    </Anchor>
  );
}

export function UserName({ id }: { id: string | null | undefined }) {
  const nameOf = useUserNames();
  return <>{nameOf(id)}</>;
}
