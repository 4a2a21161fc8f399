#!/usr/bin/env bash
# Creates the evidence bucket and the application's IAM user for one
# environment, with the AWS CLI.
#
# Evidence is never deleted or overwritten (DOMAIN.md, "Evidence storage"):
# the bucket is private, versioned and encrypted, and the application's user
# may only PutObject and GetObject. It lives in ap-south-1 (Mumbai); a
# disaster-recovery copy may go only to ap-south-2 (Hyderabad), because RBI
# data localisation keeps the data in India.
set -euo pipefail

readonly REGION="ap-south-1"
readonly DR_ALLOWED_REGION="ap-south-2"
# Browsers abandon uploads; their parts are billed until aborted.
readonly ABORT_MULTIPART_AFTER_DAYS=1

usage() {
  cat <<'USAGE'
Usage: scripts/setup-s3.sh ENV [--dry-run] [--dr-region ap-south-2]

  ENV                   dev | staging | prod
  --dry-run             print each aws command instead of running it
  --dr-region REGION    also replicate to a disaster-recovery bucket;
                        only ap-south-2 is allowed (RBI data localisation)

Environment:
  APP_ORIGIN               origin allowed by CORS, e.g. https://aegis.example.in
                           (required for staging and prod; dev defaults to
                           http://localhost:3000)
  S3_BUCKET                bucket name (default aegis-evidence-ENV)
  S3_KMS_KEY_ID            ARN of a KMS key in ap-south-1: encrypt with aws:kms
                           instead of AES256
  DR_REGION                same as --dr-region
  S3_REPLICATION_ROLE_ARN  IAM role S3 assumes to replicate (required with DR)
  S3_DR_KMS_KEY_ID         ARN of a KMS key in ap-south-2 (required with DR
                           when S3_KMS_KEY_ID is set)
USAGE
}

fail_usage() {
  printf 'setup-s3: %s\n\n' "$1" >&2
  usage >&2
  exit 2
}

fail() {
  printf 'setup-s3: %s\n' "$1" >&2
  exit 1
}

env_name=""
dry_run=false
dr_region="${DR_REGION:-}"
while (($# > 0)); do
  case "$1" in
    --dry-run) dry_run=true ;;
    --dr-region)
      (($# > 1)) || fail_usage "--dr-region needs a region"
      dr_region="$2"
      shift
      ;;
    --dr-region=*) dr_region="${1#--dr-region=}" ;;
    -h | --help)
      usage
      exit 0
      ;;
    -*) fail_usage "unknown option: $1" ;;
    *)
      [[ -z "$env_name" ]] || fail_usage "only one ENV may be given"
      env_name="$1"
      ;;
  esac
  shift
done

case "$env_name" in
  dev | staging | prod) ;;
  "") fail_usage "ENV is required" ;;
  *) fail_usage "unknown ENV '$env_name'" ;;
esac

# Everything is validated before the first aws call, so a refused run
# changes nothing.
if [[ -n "$dr_region" && "$dr_region" != "$DR_ALLOWED_REGION" ]]; then
  fail "refusing DR region '$dr_region': evidence may be replicated only to $DR_ALLOWED_REGION (Hyderabad); RBI data localisation keeps it in India."
fi

bucket="${S3_BUCKET:-aegis-evidence-$env_name}"
[[ "$bucket" =~ ^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$ ]] ||
  fail "S3_BUCKET '$bucket' is not a valid bucket name (3-63 lowercase letters, digits, dots, hyphens)."

if [[ -z "${APP_ORIGIN:-}" ]]; then
  [[ "$env_name" == "dev" ]] || fail "APP_ORIGIN is required for $env_name, e.g. APP_ORIGIN=https://aegis.example.in"
  APP_ORIGIN="http://localhost:3000"
fi
# CORS compares the Origin header exactly: scheme, host and port, no path.
[[ "$APP_ORIGIN" =~ ^https?://[A-Za-z0-9.-]+(:[0-9]+)?$ ]] ||
  fail "APP_ORIGIN '$APP_ORIGIN' must be an origin such as https://aegis.example.in (no path, no trailing slash)."
if [[ "$env_name" != "dev" && "$APP_ORIGIN" != https://* ]]; then
  fail "APP_ORIGIN must use https for $env_name."
fi

kms_key="${S3_KMS_KEY_ID:-}"
# A bucket can only use a KMS key from its own region, and the IAM policy
# needs the key's ARN, so nothing shorter than the ARN is accepted.
kms_arn_in() { [[ "$1" =~ ^arn:aws:kms:$2:[0-9]{12}:key/[A-Za-z0-9-]+$ ]]; }
if [[ -n "$kms_key" ]] && ! kms_arn_in "$kms_key" "$REGION"; then
  fail "S3_KMS_KEY_ID must be the ARN of a KMS key in $REGION (arn:aws:kms:$REGION:ACCOUNT:key/ID)."
fi

dr_bucket="$bucket-dr"
replication_role="${S3_REPLICATION_ROLE_ARN:-}"
dr_kms_key="${S3_DR_KMS_KEY_ID:-}"
if [[ -n "$dr_region" ]]; then
  [[ "$replication_role" =~ ^arn:aws:iam::[0-9]{12}:role/.+$ ]] ||
    fail "S3_REPLICATION_ROLE_ARN must be set to the ARN of the IAM role S3 uses to replicate (arn:aws:iam::ACCOUNT:role/NAME)."
  # Objects encrypted with a KMS key are replicated only when the rule
  # names a key in the destination region; without one they would silently
  # stay behind. Replicas of AES256 objects stay AES256, so the DR key goes
  # with the primary key or not at all.
  if [[ -n "$kms_key" ]] && ! kms_arn_in "$dr_kms_key" "$DR_ALLOWED_REGION"; then
    fail "S3_DR_KMS_KEY_ID must be the ARN of a KMS key in $DR_ALLOWED_REGION when S3_KMS_KEY_ID is set."
  fi
fi
if [[ -n "$dr_kms_key" && ( -z "$dr_region" || -z "$kms_key" ) ]]; then
  fail "S3_DR_KMS_KEY_ID is used only with both --dr-region and S3_KMS_KEY_ID."
fi

if [[ "$dry_run" == false ]] && ! command -v aws >/dev/null; then
  fail "the AWS CLI (aws) is not installed or not on PATH."
fi

# Quotes an argument for display only when the shell would need it, so a
# dry run can be read and pasted.
display_arg() {
  if [[ "$1" =~ ^[A-Za-z0-9_./:=,@+-]+$ ]]; then
    printf '%s' "$1"
  else
    printf "'%s'" "${1//\'/\'\\\'\'}"
  fi
}

aws_run() {
  if [[ "$dry_run" == true ]]; then
    printf 'DRY-RUN: aws'
    local arg
    for arg in "$@"; do
      printf ' '
      display_arg "$arg"
    done
    printf '\n'
  else
    aws "$@"
  fi
}

# Runs an aws command that may fail only because its work is already done
# (the error code names that case), which lets the script be run again.
aws_run_unless() {
  local already_done="$1" errors
  shift
  if [[ "$dry_run" == true ]]; then
    aws_run "$@"
    return
  fi
  # stdout goes straight through; stderr is captured to look for the code.
  if ! { errors="$(aws "$@" 2>&1 1>&3 3>&-)"; } 3>&1; then
    if [[ "$errors" == *"$already_done"* ]]; then
      printf 'setup-s3: %s: already done, keeping it.\n' "$already_done"
    else
      printf '%s\n' "$errors" >&2
      return 1
    fi
  fi
}

# The JSON documents below are written readably; the AWS CLI takes them as
# one argument. Dropping line breaks and indentation cannot change a value,
# because a JSON string never spans lines.
one_line() { sed -e 's/^[[:space:]]*//' | tr -d '\n'; }

encryption_rule() { # KMS-KEY-ARN-or-empty
  if [[ -n "$1" ]]; then
    # The bucket key cuts KMS requests (and their cost) per object.
    one_line <<JSON
{"Rules": [{
  "ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "$1"},
  "BucketKeyEnabled": true
}]}
JSON
  else
    one_line <<'JSON'
{"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]}
JSON
  fi
}

# A private, versioned, encrypted bucket: versioning keeps every earlier
# version, so even a PutObject to an existing key overwrites nothing.
create_private_bucket() { # BUCKET REGION KMS-KEY-ARN-or-empty
  aws_run_unless BucketAlreadyOwnedByYou s3api create-bucket --bucket "$1" --region "$2" \
    --create-bucket-configuration "LocationConstraint=$2"
  aws_run s3api put-public-access-block --bucket "$1" --region "$2" \
    --public-access-block-configuration \
    "BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true"
  aws_run s3api put-bucket-versioning --bucket "$1" --region "$2" \
    --versioning-configuration Status=Enabled
  aws_run s3api put-bucket-encryption --bucket "$1" --region "$2" \
    --server-side-encryption-configuration "$(encryption_rule "$3")"
}

echo "setup-s3: evidence bucket $bucket in $REGION for $env_name (CORS origin $APP_ORIGIN)"
create_private_bucket "$bucket" "$REGION" "$kms_key"

# Browsers upload evidence straight to S3 with presigned URLs and read it
# back the same way; ETag is exposed for multipart uploads.
cors="$(one_line <<JSON
{"CORSRules": [{
  "AllowedOrigins": ["$APP_ORIGIN"],
  "AllowedMethods": ["GET", "PUT", "POST"],
  "AllowedHeaders": ["*"],
  "ExposeHeaders": ["ETag"],
  "MaxAgeSeconds": 3000
}]}
JSON
)"
aws_run s3api put-bucket-cors --bucket "$bucket" --region "$REGION" --cors-configuration "$cors"

# No expiration rule: evidence is kept, every version of it.
lifecycle="$(one_line <<JSON
{"Rules": [{
  "ID": "abort-incomplete-multipart-uploads",
  "Status": "Enabled",
  "Filter": {"Prefix": ""},
  "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": $ABORT_MULTIPART_AFTER_DAYS}
}]}
JSON
)"
aws_run s3api put-bucket-lifecycle-configuration --bucket "$bucket" --region "$REGION" \
  --lifecycle-configuration "$lifecycle"

if [[ -n "$dr_region" ]]; then
  echo "setup-s3: disaster-recovery copy $dr_bucket in $dr_region"
  # Replication needs versioning on both sides.
  create_private_bucket "$dr_bucket" "$dr_region" "$dr_kms_key"
  kms_replication="" dr_destination_key=""
  if [[ -n "$kms_key" ]]; then
    kms_replication=',"SourceSelectionCriteria": {"SseKmsEncryptedObjects": {"Status": "Enabled"}}'
    dr_destination_key=",\"EncryptionConfiguration\": {\"ReplicaKmsKeyID\": \"$dr_kms_key\"}"
  fi
  # Deletions are never replicated: the copy must survive a mistake in
  # the primary.
  replication="$(one_line <<JSON
{"Role": "$replication_role",
"Rules": [{
  "ID": "evidence-dr-$dr_region",
  "Status": "Enabled",
  "Priority": 1,
  "Filter": {"Prefix": ""},
  "DeleteMarkerReplication": {"Status": "Disabled"},
  "Destination": {"Bucket": "arn:aws:s3:::$dr_bucket"$dr_destination_key}$kms_replication
}]}
JSON
)"
  aws_run s3api put-bucket-replication --bucket "$bucket" --region "$REGION" \
    --replication-configuration "$replication"
fi

app_user="aegis-app-$env_name"
# The application may add evidence and read it, nothing more: no Delete*,
# no ListBucket, no wildcard actions.
kms_statement=""
if [[ -n "$kms_key" ]]; then
  # With aws:kms, S3 calls KMS on the user's behalf for each put and get;
  # the condition keeps the key usable only through S3.
  kms_statement="$(one_line <<JSON
,{
  "Sid": "EvidenceKeyThroughS3Only",
  "Effect": "Allow",
  "Action": ["kms:Decrypt", "kms:GenerateDataKey"],
  "Resource": "$kms_key",
  "Condition": {"StringEquals": {"kms:ViaService": "s3.$REGION.amazonaws.com"}}
}
JSON
)"
fi
policy="$(one_line <<JSON
{"Version": "2012-10-17",
"Statement": [{
  "Sid": "EvidencePutAndGetOnly",
  "Effect": "Allow",
  "Action": ["s3:GetObject", "s3:PutObject"],
  "Resource": "arn:aws:s3:::$bucket/*"
}$kms_statement]}
JSON
)"

echo "setup-s3: IAM user $app_user"
aws_run_unless EntityAlreadyExists iam create-user --user-name "$app_user"
aws_run iam put-user-policy --user-name "$app_user" --policy-name aegis-evidence-put-get \
  --policy-document "$policy"
# IAM allows two keys per user, so a third run fails here: delete the
# unused key first.
echo "setup-s3: new access key for $app_user; store it in the secret manager as AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY:"
aws_run iam create-access-key --user-name "$app_user" --output json
