/** amoCRM sends Unix seconds [DOC]; the model uses epoch ms. */
export const ms = (unixSeconds: number): number => unixSeconds * 1000;
