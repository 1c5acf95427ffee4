import { Anchor } from "@mantine/core";
import { Link } from "react-router-dom";
import { useCompany } from "../api/companies";
import { useUserNames } from "../api/users";

/** A company's name linking to its card; each id is fetched once and cached. */
export function CompanyName({ id, link = true }: { id: string | null | undefined; link?: boolean }) {
  const company = useCompany(id);
  if (!id) return <>—</>;
  const name = company.data?.name ?? "…";
  if (!link) return <>{name}</>;
  return (
    <Anchor component={Link} to={`/companies/${id}`} size="sm" onClick={(e) => e.stopPropagation()}>
      {name}
    </Anchor>
  );
}

export function UserName({ id }: { id: string | null | undefined }) {
  const nameOf = useUserNames();
  return <>{nameOf(id)}</>;
}
