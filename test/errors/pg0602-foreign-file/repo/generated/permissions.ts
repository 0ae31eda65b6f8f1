// written by hand
export const x = 1;
