/**
 * The only host globals the domain may use: both exist in every runtime the domain runs in
 * (Forge's Node runtime, local Node, browsers). tsconfig.domain.json gives the domain neither
 * Node's nor the DOM's types, so anything else (process, fetch, window, Buffer) fails to compile.
 */
declare class TextEncoder {
  encode(input?: string): Uint8Array<ArrayBuffer>;
}
declare function structuredClone<T>(value: T): T;
