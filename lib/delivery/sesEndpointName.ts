/** SES as an error names it: the endpoint SES_ENDPOINT sets, else AWS's in the region. */
export function sesEndpointName(endpoint: string | undefined, region: string): string {
  return endpoint ?? `AWS SES (${region})`;
}
