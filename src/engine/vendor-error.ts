import type { ErrorKey } from '../types/error-key.js';

/** The three vendors the sandbox emulates; also the folder names under schemas/ and src/. */
export type Vendor = 'wechat' | 'wechatpay' | 'waiqin';

/**
 * The one exception type of the engine: a catalogued vendor error, named by its catalogue key
 * (`schemas/<vendor>/errors.json`). The HTTP layer renders it in that vendor's envelope; anything
 * else thrown is a bug and is answered with the vendor's system error.
 *
 * The key is typed by the vendor (`ErrorKey<V>`, generated from the catalogues), so a misspelt or
 * another vendor's key does not compile. A key computed at run time (a schema's `x-errors`, a
 * control request) goes through `isErrorKey` in src/errors/catalogue.ts first.
 *
 * @example
 * throw new VendorError('wechat', '40099');
 */
export class VendorError<V extends Vendor = Vendor> extends Error {
  constructor(
    readonly vendor: V,
    /** Catalogue key: the errcode for WeChat, e.g. '40099'; a unique name for the others. */
    readonly key: ErrorKey<V>,
    /** Extra vendor fields, e.g. WeChat Pay's `detail`. */
    readonly detail?: Record<string, unknown>,
  ) {
    // A vendor error is an expected answer, not a bug: skip the stack trace, which would cost more
    // than the rest of a failing request (V8 reads Error.stackTraceLimit; other engines ignore it).
    const limit = (Error as { stackTraceLimit?: number }).stackTraceLimit;
    (Error as { stackTraceLimit?: number }).stackTraceLimit = 0;
    super(`${vendor} error ${key}`);
    (Error as { stackTraceLimit?: number }).stackTraceLimit = limit;
    this.name = 'VendorError';
  }
}
