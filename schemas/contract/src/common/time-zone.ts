/** Whether `zone` is an IANA time zone this runtime knows (e.g. `Asia/Tokyo`). The one check API and dashboard use. */
export function isTimeZone(zone: string | null | undefined): zone is string {
  if (!zone) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
