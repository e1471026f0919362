// OGraf entry point of scoreboard.html: the template itself, in a Web Component.
import { templateGraphic } from '../runtime/ograf-graphic.mjs';

export default templateGraphic('../templates/scoreboard.html');
