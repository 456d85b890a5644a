/** Display names of actors: the records' (domain/actor-names.ts). */
export { ActorNames } from '../domain/actor-names';
