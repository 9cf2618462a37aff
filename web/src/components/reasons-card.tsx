import type { CaseDetail } from '../types.js';
import { BarList } from './bar-list.js';
import { Card } from './parts.js';

/**
 * A scored case's TreeSHAP reasons: each as the server words it, and their shares as bars; or why
 * there are none (the version that scored it cannot be loaded).
 */
export function ReasonsCard(props: { reasons: CaseDetail['reasons']; unavailable: string | undefined }) {
  const { reasons } = props;
  return (
    <Card title="Reasons (contribution to the log-odds)">
      {reasons ? (
        <>
          <ul class="plain">
            {reasons.reasons.map((r) => (
              <li key={r.feature}>
                <code>{r.text}</code>
              </li>
            ))}
          </ul>
          <BarList entries={reasons.reasons.map((r) => [r.feature, Math.abs(r.contribution)] as const)} />
        </>
      ) : (
        <p class="muted">{props.unavailable}</p>
      )}
    </Card>
  );
}
