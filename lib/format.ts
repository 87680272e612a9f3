// How dates read in the console: days in UK time for people, instants in UTC for the change log.
const ukDay = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "Europe/London" });

export const ukDate = (d: Date): string => ukDay.format(d);

export const utc = (d: Date): string => d.toISOString().replace("T", " ").slice(0, 19);
