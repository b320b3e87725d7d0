import { emptyItemRule } from '../lists';

export default emptyItemRule('categories');
