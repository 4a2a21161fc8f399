import { Link } from "@remix-run/react";

/** "Page 2 of 5" with previous/next links: plain links, no JavaScript needed. */
export function Pagination({ page, pageCount, label }: { page: number; pageCount: number; label: string }) {
  if (pageCount <= 1) return null;
  return (
    <nav className="pagination" aria-label={label}>
      {page > 1 ? <Link to={`?page=${page - 1}`}>Previous page</Link> : null}
      <span>
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? <Link to={`?page=${page + 1}`}>Next page</Link> : null}
    </nav>
  );
}
