/** Types for music-tempo 1.0.3 (MIT, BeatRoot beat tracking); the package ships no declarations. */
declare module 'music-tempo' {
  export interface MusicTempoParams {
    bufferSize?: number;
    hopSize?: number;
    timeStep?: number;
    minBeatInterval?: number;
    maxBeatInterval?: number;
    expiryTime?: number;
  }
  export default class MusicTempo {
    constructor(audioData: Float32Array | number[], params?: MusicTempoParams);
    /** Beats per minute as a string with three decimals (it is `toFixed(3)`), or -1. */
    tempo: string | number;
    beats: number[];
  }
}
