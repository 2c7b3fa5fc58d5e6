/**
 * Why a content bucket holds no subscriber list, said where one is missing there (check's warning, a send's refusal):
 * push-content never uploads the list and deletes a copy it finds (cli/pushContent.ts), since no deployed function
 * reads it. The one wording; the others refer here.
 */
export const SUBSCRIBER_LIST_STAYS_HOME = 'push-content keeps the subscriber list home, and deletes a copy in the bucket, since the deployed digest sends to the subscriber store';
