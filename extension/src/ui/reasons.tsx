import * as React from 'react';

/** The diagnostic reasons of a model's status, as a list (nothing when there are none). */
export function Reasons({ reasons }: { reasons: string[] }): React.ReactElement | null {
  return reasons.length === 0 ? null : (
    <ul aria-label="diagnostic reasons">
      {reasons.map((r, i) => (
        <li key={i}>{r}</li>
      ))}
    </ul>
  );
}
