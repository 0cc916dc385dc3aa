/**
 * How a mutant enters the emulator: each layer acts through an ordinary interface of the part it breaks (the
 * service's decision, the pipeline's verifier, executor and request readers), so the production parts know nothing of
 * mutants.
 */
import type { AccountCredentials } from "../accounts.js";
import { AUTHORIZATION, type SignedRequest, type Verifier } from "../auth.js";
import { BINDINGS, type Reader } from "../../protocol/operations.js";
import type { Executor } from "../pipeline.js";
import type { VaultService, ServiceOptions } from "../service.js";
import { step, type OperationName } from "../../model/index.js";
import { mutatedStep, type Mutant } from "./catalogue.js";

/** The service option of an oracle-layer mutant: its answer instead of the reference branch. */
export function mutantDecision(mutant: Mutant): Pick<ServiceOptions, "decide"> {
  if (!mutant.rewrite && !mutant.respond) return {};
  return { decide: (world, request) => mutatedStep(mutant, world, request, step) };
}

/** `signatures-not-checked`: any key maps to its account or else the first one, and nothing is verified. */
class UnverifiedAuthenticator implements Verifier {
  constructor(private readonly accounts: readonly AccountCredentials[]) {}
  verify(request: SignedRequest): ReturnType<Verifier["verify"]> {
    const authorization = request.headers.authorization;
    const match = AUTHORIZATION.exec(typeof authorization === "string" ? authorization : "");
    const account = this.accounts.find((a) => a.accessKeyId === match?.[1]) ?? this.accounts[0]!;
    return { account, region: match?.[3] ?? "us-east-1" };
  }
}

/** `non-atomic-initiate`: an Initiate yields between deciding and committing, so two can both win. */
function nonAtomicInitiate(service: VaultService): Executor {
  return {
    execute(operation, signer, region) {
      const commit = service.decide(operation, signer, region);
      if (operation.name !== "InitiateVaultLock") return commit();
      return new Promise((resolve) => setTimeout(resolve, 5)).then(commit);
    },
  };
}

/** Handler layer: every request reader sees the request headers as the mutant rewrites them. */
function rewrittenReaders(rewrite: NonNullable<Mutant["requestHeaders"]>): Record<OperationName, Reader> {
  const entries = Object.entries(BINDINGS).map(([name, binding]) => {
    const read = binding.read as Reader;
    const wrapped: Reader = (input) => read({ ...input, headers: rewrite(input.headers) });
    return [name, wrapped];
  });
  return Object.fromEntries(entries) as Record<OperationName, Reader>;
}

/** The pipeline's parts under `mutant`, given the reference ones. */
export function mutatedParts(
  mutant: Mutant,
  parts: { service: VaultService; auth: Verifier; accounts: readonly AccountCredentials[] },
): { service: Executor; auth: Verifier; readers?: Record<OperationName, Reader> } {
  return {
    service: mutant.layer === "concurrency" ? nonAtomicInitiate(parts.service) : parts.service,
    auth: mutant.layer === "auth" ? new UnverifiedAuthenticator(parts.accounts) : parts.auth,
    ...(mutant.requestHeaders ? { readers: rewrittenReaders(mutant.requestHeaders) } : {}),
  };
}
