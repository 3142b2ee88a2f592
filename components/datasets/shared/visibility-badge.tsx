export function VisibilityBadge({ visibility }: { visibility: 'private' | 'shared' }) {
  return visibility === 'shared' ? (
    <span className="badge badge-shared" title="Anyone can see and listen to this dataset">
      Shared
    </span>
  ) : (
    <span className="badge" title="Only you can see this dataset">
      Private
    </span>
  );
}
