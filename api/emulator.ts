/** `glacier-vault-lock-conformance/emulator`: the reference emulator as a library, for the suite and anyone's tests. */
export { startEmulator, type Emulator, type EmulatorOptions } from "../emulator/server.js";
export { DEFAULT_ACCOUNTS, type AccountCredentials } from "../emulator/accounts.js";
export type { ServiceClock } from "../emulator/clock.js";
