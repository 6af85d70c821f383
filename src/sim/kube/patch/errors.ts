/** A patch that cannot be applied; `message` is worded as apimachinery / json-patch word it. */
export class PatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatchError';
  }
}
