/** Credentials the emulator accepts, and the account each belongs to. */
export interface AccountCredentials {
  accountId: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** Documented default key pairs: two accounts, so isolation can be tested without configuration. */
export const DEFAULT_ACCOUNTS: readonly AccountCredentials[] = [
  {
    accountId: "111122223333",
    accessKeyId: "AKIDVAULTLOCKEMU0001",
    secretAccessKey: "vault-lock-emulator-secret-0001",
  },
  {
    accountId: "444455556666",
    accessKeyId: "AKIDVAULTLOCKEMU0002",
    secretAccessKey: "vault-lock-emulator-secret-0002",
  },
];
