/** Said wherever preview scores are shown while the server runs the built-in test model. */
export function TestModelNote() {
  return (
    <p className="notice" data-testid="test-model-note">
      <span className="badge badge-warn">Test model</span> These scores come from a test model, not a real
      CLAP model: they check the plumbing and mean nothing about the music.
    </p>
  );
}
