/**
 * A one-line progress bar redrawn in place on stderr; silent when not given a writer (not a
 * terminal, `--quiet` or `--json`). Redraws at most every 100 ms so that it never slows the work.
 */
export class ProgressBar {
  readonly #label: string;
  readonly #total: number;
  readonly #write: ((text: string) => void) | undefined;
  readonly #started = Date.now();
  #done = 0;
  #lastDraw = 0;

  constructor(label: string, total: number, write: ((text: string) => void) | undefined) {
    this.#label = label;
    this.#total = Math.max(total, 1);
    this.#write = write;
  }

  /** Advances by `count` units. */
  tick(count = 1): void {
    this.update(this.#done + count);
  }

  /** Sets the units done. */
  update(done: number): void {
    this.#done = Math.min(done, this.#total);
    const now = Date.now();
    if (this.#write && (now - this.#lastDraw >= 100 || this.#done === this.#total)) {
      this.#lastDraw = now;
      this.#draw(now);
    }
  }

  /** Completes the bar and ends its line. */
  finish(): void {
    this.update(this.#total);
    this.#write?.('\n');
  }

  #draw(now: number): void {
    const width = 30;
    const ratio = this.#done / this.#total;
    const filled = Math.round(ratio * width);
    const seconds = ((now - this.#started) / 1000).toFixed(1);
    this.#write?.(
      `\r${this.#label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}% ${seconds}s`,
    );
  }
}
