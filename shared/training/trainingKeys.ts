/** Like NCA's published test keys, the training CA's keys share one well-known password (README, sign dialog). */
export const TRAINING_KEY_PASSWORD = 'Qwerty12';
