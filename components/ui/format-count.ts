/** Whole numbers as the whole app shows them: en-US grouping, on the server and in the browser alike. */
export const formatCount = (value: number) => value.toLocaleString("en-US");
