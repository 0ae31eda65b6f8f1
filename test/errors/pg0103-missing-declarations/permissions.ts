// A schema that forgot everything but a comment and a type.
export type Nothing = never;
