/**
 * Where each requirement comes from. Keys are cited by the catalogue; values name a seed file (the AWS
 * pages this project started from, in `../shared/seeds/`), a public AWS page, or a section of the
 * research digest (`../shared/research/glacier-vault-lock-spec.md`).
 */
export const SOURCES = {
  "seed:initiate": "seeds/000_f03050a571b13665.txt (Dev Guide, Initiate Vault Lock)",
  "seed:boto-initiate": "seeds/001_d18002ec32b655dd.txt (boto3 Glacier.Client.initiate_vault_lock)",
  "seed:how-to-api": "seeds/002_008523d3a5aa3467.txt (Dev Guide, Locking a Vault by Using the API)",
  "seed:complete": "seeds/003_0189531e2725587d.txt (Dev Guide, Complete Vault Lock)",
  "seed:get": "seeds/004_a26c734c85ad3dbf.txt (Dev Guide, Get Vault Lock)",
  "doc:abort": "https://docs.aws.amazon.com/amazonglacier/latest/dev/api-AbortVaultLock.html",
  "doc:errors": "https://docs.aws.amazon.com/amazonglacier/latest/dev/api-error-responses.html",
  "doc:request-headers": "https://docs.aws.amazon.com/amazonglacier/latest/dev/api-common-request-headers.html",
  "doc:response-headers": "https://docs.aws.amazon.com/amazonglacier/latest/dev/api-common-response-headers.html",
  "doc:signing": "https://docs.aws.amazon.com/amazonglacier/latest/dev/amazon-glacier-signing-requests.html",
  "doc:vault-lock": "https://docs.aws.amazon.com/amazonglacier/latest/dev/vault-lock.html",
  "doc:vault-lock-policy": "https://docs.aws.amazon.com/amazonglacier/latest/dev/vault-lock-policy.html",
  "doc:create-vault": "https://docs.aws.amazon.com/amazonglacier/latest/dev/api-vault-put.html",
  "doc:delete-vault": "https://docs.aws.amazon.com/amazonglacier/latest/dev/api-vault-delete.html",
  "doc:describe-vault": "https://docs.aws.amazon.com/amazonglacier/latest/dev/api-vault-get.html",
  "doc:list-vaults": "https://docs.aws.amazon.com/amazonglacier/latest/dev/api-vaults-get.html",
  "doc:upload-archive": "https://docs.aws.amazon.com/amazonglacier/latest/dev/api-archive-post.html",
  "doc:delete-archive": "https://docs.aws.amazon.com/amazonglacier/latest/dev/api-archive-delete.html",
  "doc:tree-hash": "https://docs.aws.amazon.com/amazonglacier/latest/dev/checksum-calculations.html",
  "doc:add-tags": "https://docs.aws.amazon.com/amazonglacier/latest/dev/api-AddTagsToVault.html",
  "doc:notifications-set": "https://docs.aws.amazon.com/amazonglacier/latest/dev/api-vault-notifications-put.html",
  "doc:notifications-get": "https://docs.aws.amazon.com/amazonglacier/latest/dev/api-vault-notifications-get.html",
  "doc:notifications-delete":
    "https://docs.aws.amazon.com/amazonglacier/latest/dev/api-vault-notifications-delete.html",
  "doc:tagging": "https://docs.aws.amazon.com/amazonglacier/latest/dev/tagging.html",
  "doc:access-policy": "https://docs.aws.amazon.com/amazonglacier/latest/dev/api-SetVaultAccessPolicy.html",
  "doc:permissions": "https://docs.aws.amazon.com/amazonglacier/latest/dev/glacier-api-permissions-ref.html",
  "doc:iam": "https://docs.aws.amazon.com/amazonglacier/latest/dev/security_iam_service-with-iam.html",
  "doc:iam-condition": "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html",
  "doc:iam-condition-operators":
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html",
  "doc:iam-multivalued":
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html",
  "doc:iam-variables": "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html",
  "doc:iam-version": "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html",
  "doc:iam-resource": "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html",
  "doc:iam-global-keys": "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html",
  "model:botocore": "botocore service model glacier/2012-06-01/service-2.json",
  "model:botocore-examples":
    'botocore glacier/2012-06-01/examples-1.json (ListVaults example input limit "" and marker ""; DescribeVault example output NumberOfArchives 0, SizeInBytes 0)',
  "sdk:go-smoke":
    "aws-sdk-go awstesting/integration/smoke/glacier/glacier.feature (ListVaults with accountId abcmnoxyz fails with UnrecognizedClientException, 'No account found for the given parameters')",
  "observed:list-page-size":
    "aws/aws-sdk-net issue 895 (2018: ListVaults with limit 1000 accepted, at most 10 vaults a page; the Developer Guide was corrected to say 10) and boto/boto pull request 1699 (2013: 10 a page)",
  "research:protocol": "research digest §2 (VL-COM)",
  "research:errors": "research digest §3 (VL-ERR)",
  "research:initiate": "research digest §4 (VL-INIT)",
  "research:complete": "research digest §5 (VL-COMP)",
  "research:abort": "research digest §6 (VL-ABORT)",
  "research:get": "research digest §7 (VL-GET)",
  "research:vaults": "research digest §8 (VL-CV, VL-DV, VL-DESC, VL-LIST, VL-AP, VL-UP, VL-DA)",
  "research:policy": "research digest §9 (VL-POL)",
  "research:no-longer-supported": "research digest §10 (VL-NLS)",
  "research:open-questions": "research digest §12 (open questions)",
  "observed:field-reports":
    "field reports cited by the research digest (OBS-VER, OBS-SIG, OBS-NF, OBS-DV, OBS-DA, OBS-ACCT, CLI-1427)",
  "observed:terraform": "terraform-provider-aws aws_glacier_vault_lock acceptance tests (TF-VL)",
  "project:clock-control":
    "this project's README, The reference emulator: Time (the clock-control route is the emulator's extension, not an AWS API)",
  "observed:iam-simulate":
    "cloud-copilot/iam-simulate, an independent IAM policy simulator (src/condition/condition.ts, src/util.ts)",
} as const;

export type SourceKey = keyof typeof SOURCES;
