import { ApiError, apiKey } from './api.js';

/**
 * Downloads a run's file through MLflow's `/get-artifact` with the API key in a header (a plain
 * link could not carry it, and a key never goes in a URL), then hands it to the browser as a file.
 *
 * @example
 * await downloadArtifact(runId, 'model/model.json');
 */
export async function downloadArtifact(runId: string, path: string): Promise<void> {
  const key = apiKey();
  const answer = await fetch(
    `/get-artifact?run_uuid=${encodeURIComponent(runId)}&path=${encodeURIComponent(path)}`,
    {
      headers: key ? { authorization: `Bearer ${key}` } : {},
    },
  );
  if (!answer.ok) {
    const body = (await answer.json().catch(() => ({}))) as { message?: string; error_code?: string };
    throw new ApiError(
      answer.status,
      body.error_code ?? `HTTP_${answer.status}`,
      body.message ?? 'download refused',
    );
  }
  const url = URL.createObjectURL(await answer.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = path.split('/').pop() ?? 'artifact';
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
