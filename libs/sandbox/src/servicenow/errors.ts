/**
 * ServiceNow's error answers: `{"error": {"message", "detail"}, "status": "failure"}` for every status.
 * A missing record and a record an ACL hides are the same 404; a write refused by a data policy, a
 * business rule or a write ACL is a 403 "Operation Failed".
 */
export const failure = (message: string, detail: string | null = null) => ({
  error: { message, detail },
  status: 'failure',
});

export const UNAUTHORIZED = failure('User Not Authenticated', 'Required to provide Auth information');
export const NO_RECORD = failure(
  'No Record found',
  "Record doesn't exist or ACL restricts the record retrieval",
);

/** The 403 of a write the instance refuses, with what refused it. */
export const OPERATION_FAILED = (detail: string) => failure('Operation Failed', detail);
