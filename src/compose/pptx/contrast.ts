/** Contrast lives with the charts, which draw slide pictures at 3:1 too; decks import it here. */
export * from '../../charts/contrast.js';
